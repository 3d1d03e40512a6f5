package gosched

// A local function and a method with the same name are not runtime.Gosched.

func Gosched() {}

type scheduler struct{}

func (scheduler) Gosched() {}

func sameNames() {
	Gosched()
	var s scheduler
	s.Gosched()
	{
		runtime := scheduler{} // shadows the package name in this file's scope
		runtime.Gosched()
	}
}

// Waiting on a channel is the remedy.
func waitReady(ready <-chan struct{}) {
	<-ready
}
