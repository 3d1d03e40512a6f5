module example.com/lspsession

go 1.26
