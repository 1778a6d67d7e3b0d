# desk: stories
