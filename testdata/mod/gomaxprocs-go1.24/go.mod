module example.com/gomaxprocs

go 1.24

require go.uber.org/automaxprocs v1.6.0

replace go.uber.org/automaxprocs => ./automaxprocs
