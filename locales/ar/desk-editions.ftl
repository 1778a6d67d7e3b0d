# المكتب: editions
