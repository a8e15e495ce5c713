#include "fetcher.h"

#include <iostream>

int main(int argc, char **argv) {
  std::cout << fetch(argc > 1 ? argv[1] : "http://localhost/") << '\n';
}
