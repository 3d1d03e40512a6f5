module example.com/leaksdep

go 1.26
