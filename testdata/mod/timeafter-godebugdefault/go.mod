module example.com/timeafter

go 1.26

godebug (
	default=go1.22
	panicnil=1
)
