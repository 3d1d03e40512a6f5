package cite

import (
	"testing"

	"github.com/rtlint/rtlint/internal/chanmodel"
	"github.com/rtlint/rtlint/internal/contract"
)

// TestEveryFactCited checks that every fact names a contract of the table,
// and no two facts the same one.
func TestEveryFactCited(t *testing.T) {
	seen := map[contract.ID]chanmodel.Fact{}
	for f := chanmodel.SendParks; f <= chanmodel.LeakProfileNeedsExperiment; f++ {
		id := ID(f)
		if _, ok := contract.Lookup(id); !ok {
			t.Errorf("fact %d cites %s, which the table does not have", f, id)
		}
		if g, ok := seen[id]; ok {
			t.Errorf("facts %d and %d both cite %s", g, f, id)
		}
		seen[id] = f
	}
}
