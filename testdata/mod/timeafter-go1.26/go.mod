module example.com/timeafter

go 1.26
