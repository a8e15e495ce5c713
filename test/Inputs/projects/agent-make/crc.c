#include "agent.h"

unsigned crc8(const char *data) {
  unsigned crc = 0;
  while (*data)
    crc = (crc << 1) ^ (unsigned char)*data++;
  return crc & 0xff;
}
