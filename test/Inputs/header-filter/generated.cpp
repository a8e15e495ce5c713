#include "poller.pb.h"

int main() { return poll("http://localhost/") ? 0 : 1; }
