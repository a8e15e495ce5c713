# Sourced by the quick-start and test scripts: installs what is missing on
# Debian 12 (through sudo when not root) and builds leak-tidy in build/.

LEAK_TIDY_LLVM_MAJOR=${LEAK_TIDY_LLVM_MAJOR:-19}

# Building: CMake, Ninja, and Clang/LLVM with clang-tidy's libraries.
LEAK_TIDY_BUILD_PACKAGES=(
  cmake ninja-build python3
  "clang-$LEAK_TIDY_LLVM_MAJOR" "clang-tidy-$LEAK_TIDY_LLVM_MAJOR"
  "libclang-$LEAK_TIDY_LLVM_MAJOR-dev" "llvm-$LEAK_TIDY_LLVM_MAJOR-dev"
)
# The bundled examples: the HTTP one includes <curl/curl.h>, the timer one
# standalone Asio.
LEAK_TIDY_EXAMPLE_PACKAGES=(libcurl4-openssl-dev libasio-dev)
# Testing: lit and FileCheck, the real library headers the tests include, and
# the example code the real-world suite (test/realworld) runs on.
LEAK_TIDY_TEST_PACKAGES=(
  "llvm-$LEAK_TIDY_LLVM_MAJOR-tools"
  libboost1.81-dev libboost-thread1.81-dev libboost-fiber1.81-dev
  libcurl4-openssl-dev libuv1-dev libevent-dev qtbase5-dev
  libasio-dev libgrpc++-dev libprotobuf-dev protobuf-compiler protobuf-compiler-grpc
  libboost1.81-doc libcurl4-doc qtbase5-examples
)

leak_tidy_install_missing() {
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null |
      grep -q 'install ok installed' || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  echo "leak-tidy: installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

leak_tidy_build() {
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DLEAK_TIDY_LLVM_MAJOR="$LEAK_TIDY_LLVM_MAJOR" >/dev/null
  cmake --build build
}
