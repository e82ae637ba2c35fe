"use unsafe";
// The aarch64 console: the ARM PL011 UART of QEMU's virt machine, MMIO at 0x09000000.
//
// Registers (ARM PrimeCell UART (PL011) Technical Reference Manual, DDI 0183, §3.2), as offsets
// from the base: 0x000 UARTDR data, 0x018 UARTFR flags (bit 5 TXFF: transmit FIFO full),
// 0x024 UARTIBRD / 0x028 UARTFBRD integer and fractional baud divisor, 0x02c UARTLCR_H line
// control, 0x030 UARTCR control, 0x038 UARTIMSC interrupt mask, 0x044 UARTICR interrupt clear.
// consoleInit follows the TRM's sequence: disable the UART, program the divisor, then write
// LCR_H (which latches the divisor), then enable. 115200 baud from virt's 24 MHz UARTCLK is
// 24e6 / (16 * 115200) = 13.02: IBRD 13, FBRD round(0.02 * 64) = 1. LCR_H = 8 bits, FIFOs on;
// no interrupts (the kernel polls). consolePutByte waits while TXFF is set, at most
// CONSOLE_SPIN_LIMIT polls, then writes UARTDR: output may be lost but the kernel never hangs.

import { u32, u8, usize } from "../../kernel/int.ts";
import { cpuRelax, mmioRead32, mmioWrite32 } from "../../kernel/intrinsics.ts";

/** The PL011's MMIO base on QEMU's virt machine. */
export const PL011_BASE: usize = usize(0x09000000);

const UART_DR: usize = usize(0x000);
const UART_FR: usize = usize(0x018);
const UART_IBRD: usize = usize(0x024);
const UART_FBRD: usize = usize(0x028);
const UART_LCR_H: usize = usize(0x02c);
const UART_CR: usize = usize(0x030);
const UART_IMSC: usize = usize(0x038);
const UART_ICR: usize = usize(0x044);

/** FR: transmit FIFO full. */
const FR_TXFF: u32 = u32(0x20);
/** LCR_H: word length 8 bits (WLEN = 0b11), FIFOs enabled (FEN). */
const LCR_H_8BIT_FIFO: u32 = u32(0x70);
/** CR: UART enable, transmit enable, receive enable. */
const CR_ENABLE_TX_RX: u32 = u32(0x301);
/** ICR: clear every interrupt. */
const ICR_ALL: u32 = u32(0x7ff);
const IBRD_115200: u32 = u32(13);
const FBRD_115200: u32 = u32(1);
/** How many times consolePutByte polls FR before it writes anyway. */
export const CONSOLE_SPIN_LIMIT: u32 = u32(100000);

function reg(offset: usize): usize {
  return usize(PL011_BASE + offset);
}

/** Programs the PL011 for 115200 8N1, FIFOs on, interrupts masked. */
export function consoleInit(): void {
  mmioWrite32(reg(UART_CR), u32(0));
  mmioWrite32(reg(UART_IMSC), u32(0));
  mmioWrite32(reg(UART_ICR), ICR_ALL);
  mmioWrite32(reg(UART_IBRD), IBRD_115200);
  mmioWrite32(reg(UART_FBRD), FBRD_115200);
  mmioWrite32(reg(UART_LCR_H), LCR_H_8BIT_FIFO);
  mmioWrite32(reg(UART_CR), CR_ENABLE_TX_RX);
}

/** Writes one byte to the PL011 once its transmit FIFO has room. */
export function consolePutByte(b: u8): void {
  let spins = u32(0);
  while (spins < CONSOLE_SPIN_LIMIT && u32(mmioRead32(reg(UART_FR)) & FR_TXFF) !== 0) {
    cpuRelax();
    spins = u32(spins + 1);
  }
  mmioWrite32(reg(UART_DR), u32(b));
}
