module example.com/finalizer

go 1.24
