#!/bin/sh
# Stands in for leak-tidy in runner-parallel.test: marks itself active, waits
# a second so that runs started together overlap, records how many runs are
# active, then runs leak-tidy.
touch "$ACTIVE_DIR/$$"
sleep 1
ls "$ACTIVE_DIR" | wc -l >> "$ACTIVE_DIR.counts"
rm "$ACTIVE_DIR/$$"
exec "$LEAK_TIDY" "$@"
