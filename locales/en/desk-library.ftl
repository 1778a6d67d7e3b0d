# desk: library
