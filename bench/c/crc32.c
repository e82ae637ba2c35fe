/* crc32.c: bitwise CRC-32 (IEEE 802.3, reflected, polynomial 0xedb88320), the twin of
   bench/crc32.ts and kernel/crc32.ts's crc32Byte. */
#include "bench.h"

#define CRC32_POLY 0xedb88320u

static uint32_t crc32_byte(uint32_t crc, uint8_t b) {
  crc ^= b;
  for (int i = 0; i < 8; i++) {
    if (crc & 1)
      crc = (crc >> 1) ^ CRC32_POLY;
    else
      crc >>= 1;
  }
  return crc;
}

uint32_t c_crc32(const uint8_t *buf, size_t len) {
  uint32_t crc = 0xffffffffu;
  for (size_t i = 0; i < len; i++) crc = crc32_byte(crc, buf[i]);
  return ~crc;
}
