# المكتب: library
