# المكتب: stories
