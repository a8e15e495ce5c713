#include "poller.h"

int main() { return poll("http://localhost/") ? 0 : 1; }
