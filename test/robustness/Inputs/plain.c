#include <stdio.h>

int main(void) {
  for (;;) {
    if (getchar() == EOF)
      break;
  }
  return 0;
}
