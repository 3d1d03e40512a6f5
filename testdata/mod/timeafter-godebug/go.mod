module example.com/timeafter

go 1.26

godebug asynctimerchan=1
