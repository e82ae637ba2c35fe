"use unsafe";
// The x86_64 console: the first 16550 UART (COM1) at I/O port 0x3f8.
//
// Registers (16550D datasheet, National Semiconductor/TI, table "Register Summary"), as offsets
// from the base port: +0 THR (write) / DLL when LCR.DLAB=1, +1 IER / DLM when DLAB=1, +2 FCR,
// +3 LCR, +4 MCR, +5 LSR. consoleInit programs 115200 baud 8N1: divisor 1 (the 1.8432 MHz clock
// / 16 / 115200), 8 data bits, no parity, 1 stop bit, FIFOs on, interrupts off (the kernel
// polls). consolePutByte waits for LSR.THRE (bit 5, transmit holding register empty) and writes
// THR. The wait is bounded: if the bit never sets (no UART, a stuck model) the byte is written
// anyway after CONSOLE_SPIN_LIMIT polls, so output can be lost but the kernel never hangs here.
// A missing UART reads 0xff, which has THRE set, so that case costs no waiting at all.

import { u16, u32, u8 } from "../../kernel/int.ts";
import { cpuRelax, inb, outb } from "../../kernel/intrinsics.ts";

/** COM1's base I/O port. */
export const COM1_PORT: u16 = u16(0x3f8);

const UART_THR: u16 = u16(0);
const UART_DLL: u16 = u16(0);
const UART_IER: u16 = u16(1);
const UART_DLM: u16 = u16(1);
const UART_FCR: u16 = u16(2);
const UART_LCR: u16 = u16(3);
const UART_MCR: u16 = u16(4);
const UART_LSR: u16 = u16(5);

/** LCR: divisor latch access. */
const LCR_DLAB: u8 = u8(0x80);
/** LCR: 8 data bits, no parity, 1 stop bit. */
const LCR_8N1: u8 = u8(0x03);
/** FCR: enable and clear both FIFOs, receive trigger at 14 bytes. */
const FCR_ENABLE_CLEAR: u8 = u8(0xc7);
/** MCR: DTR and RTS asserted. */
const MCR_DTR_RTS: u8 = u8(0x03);
/** LSR: transmit holding register empty. */
const LSR_THRE: u8 = u8(0x20);
/** 115200 baud from the 1.8432 MHz UART clock. */
const DIVISOR_115200: u8 = u8(1);
/** How many times consolePutByte polls LSR before it writes anyway. */
export const CONSOLE_SPIN_LIMIT: u32 = u32(100000);

function reg(offset: u16): u16 {
  return u16(COM1_PORT + offset);
}

/** Programs COM1 for 115200 8N1, FIFOs on, interrupts off. */
export function consoleInit(): void {
  outb(reg(UART_IER), u8(0));
  outb(reg(UART_LCR), LCR_DLAB);
  outb(reg(UART_DLL), DIVISOR_115200);
  outb(reg(UART_DLM), u8(0));
  outb(reg(UART_LCR), LCR_8N1);
  outb(reg(UART_FCR), FCR_ENABLE_CLEAR);
  outb(reg(UART_MCR), MCR_DTR_RTS);
}

/** Writes one byte to COM1 once the transmitter can take it. */
export function consolePutByte(b: u8): void {
  let spins = u32(0);
  while (spins < CONSOLE_SPIN_LIMIT && u8(inb(reg(UART_LSR)) & LSR_THRE) === 0) {
    cpuRelax();
    spins = u32(spins + 1);
  }
  outb(reg(UART_THR), b);
}
