// Package cite names the runtime contract behind each fact a leak of the
// channel model rests on (chanmodel.Fact), for the analyzers that report
// leaks: golifecycle and ctxblock.
package cite

import (
	"github.com/rtlint/rtlint/internal/chanmodel"
	"github.com/rtlint/rtlint/internal/contract"
)

// ID returns the contract of a fact.
func ID(f chanmodel.Fact) contract.ID {
	switch f {
	case chanmodel.SendParks:
		return contract.ChanSendParksUntilRecv
	case chanmodel.RecvParks:
		return contract.ChanRecvParksUntilSendOrClose
	case chanmodel.NilSendParks:
		return contract.NilChanSendParksForever
	case chanmodel.NilRecvParks:
		return contract.NilChanRecvParksForever
	case chanmodel.SelectWaitsForAnyCase:
		return contract.SelectWakesOnAnyCase
	case chanmodel.CancelClosesOnlyDone:
		return contract.CancelOnlyClosesDone
	case chanmodel.DoneNeedsSelect:
		return contract.CtxDoneForSelect
	case chanmodel.ResetNeedsDrain:
		return contract.ResetNeedsDrainBefore123
	case chanmodel.StackIsRoot:
		return contract.GCScansEveryGoroutineStack
	case chanmodel.LeakProfileFinds:
		return contract.LeakProfileFindsUnreachableBlocked
	case chanmodel.LeakProfileNeedsExperiment:
		return contract.LeakProfileNeedsGOEXPERIMENT
	}
	panic("cite: unknown fact")
}

// IDs returns the contracts of facts, in order.
func IDs(facts []chanmodel.Fact) []contract.ID {
	ids := make([]contract.ID, len(facts))
	for i, f := range facts {
		ids[i] = ID(f)
	}
	return ids
}
