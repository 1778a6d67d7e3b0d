# desk: people
