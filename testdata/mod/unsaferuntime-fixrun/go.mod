module example.com/fixrun

go 1.22
