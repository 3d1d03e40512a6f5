package emptyselect

// Run blocks forever after starting the server: the caller cannot stop it.
func Run() {
	go func() {}()
	select {} // want `select \{\} parks this goroutine forever and nothing can wake it; outside package main that leaks the goroutine and all it references: block on ctx.Done\(\) or a channel the caller can close \(runtime/select\.go:\d+, go1\.\d+(\.\d+)?\)`
}

func inGoroutine() {
	go func() {
		select {} // want `select \{\} parks this goroutine forever`
	}()
}

func inLoop(work func()) {
	for {
		work()
		select {} // want `select \{\} parks`
	}
}

type server struct{}

func (server) Serve() {
	select {} // want `select \{\} parks`
}

// A goroutine started before the select does not end the process.
func afterGo(work func()) {
	go work()
	select {} // want `select \{\} parks this goroutine forever`
}
