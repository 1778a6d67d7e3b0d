# desk: editions
