package chanmodel

// A Fact is a behaviour of the runtime a leak rests on. The model names
// no contract: the analyzers that report leaks cite the contract of each
// fact (package cite), so that the analyzers that only read the model
// (closeowner, doubleclose) are not taken to rely on those contracts.
type Fact int

const (
	SendParks                  Fact = iota + 1 // a send parks until a receiver takes it
	RecvParks                                  // a receive parks until a send or a close
	NilSendParks                               // a send on a nil channel parks for ever
	NilRecvParks                               // a receive from a nil channel parks for ever
	SelectWaitsForAnyCase                      // a select parks until one of its cases can proceed
	CancelClosesOnlyDone                       // cancelling a context closes its done channel, nothing else
	DoneNeedsSelect                            // a wait ends on cancellation only if it selects on Done
	ResetNeedsDrain                            // before Go 1.23, Reset needs Stop and a drain of the channel
	StackIsRoot                                // a parked goroutine's stack keeps what it references
	LeakProfileFinds                           // the goroutineleak profile lists goroutines parked on unreachable channels
	LeakProfileNeedsExperiment                 // in Go 1.26 the profile needs GOEXPERIMENT=goroutineleakprofile
)
