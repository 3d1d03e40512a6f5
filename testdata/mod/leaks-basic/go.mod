module example.com/leaks

go 1.26

require example.com/leaksdep v0.0.0

replace example.com/leaksdep => ./dep
