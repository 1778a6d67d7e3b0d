# المكتب: people
