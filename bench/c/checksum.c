/* checksum.c: the Internet checksum (RFC 1071 §4.1), the twin of bench/checksum.ts. */
#include "bench.h"

uint16_t c_inet_checksum(const void *buf, size_t len) {
  const uint16_t *p = buf;
  uint64_t sum = 0;
  while (len > 1) {
    sum += *p++;
    len -= 2;
  }
  if (len > 0) sum += *(const uint8_t *)p;
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return (uint16_t)~sum;
}
