// Code below was first generated from the checked go1.26.8 citation map
// (shared/reference/runtime-contracts.json) and is maintained by hand.

package contract

// Contracts about sync.Pool (checklist item 11).
const (
	PoolItemsRemovedAnytime   ID = "PoolItemsRemovedAnytime"
	PoolVictimDroppedAtGC     ID = "PoolVictimDroppedAtGC"
	PoolPrimaryBecomesVictim  ID = "PoolPrimaryBecomesVictim"
	PoolCleanupRegistered     ID = "PoolCleanupRegistered"
	PoolsClearedInSTW         ID = "PoolsClearedInSTW"
	ClearpoolsRunsPoolCleanup ID = "ClearpoolsRunsPoolCleanup"
	PoolGetNilWithoutNew      ID = "PoolGetNilWithoutNew"
	PoolGetUnrelatedToPut     ID = "PoolGetUnrelatedToPut"
	PoolPutHandsOver          ID = "PoolPutHandsOver"
)

var tablePool = []Contract{
	{
		ID:     PoolItemsRemovedAnytime,
		File:   "sync/pool.go",
		Func:   "type Pool",
		Anchor: "// Any item stored in the Pool may be removed automatically at any time without",
		Claim:  "Under any GC the pool may drop items without notification, so a Pool is a cache, never a store of state.",
		Since:  "go1.3",
		Line:   17,
	},
	{
		ID:          PoolVictimDroppedAtGC,
		File:        "sync/pool.go",
		Func:        "poolCleanup",
		Anchor:      "// Drop victim caches from all pools.",
		Claim:       "Under each GC start (world stopped) objects that survived one cycle in the victim cache are dropped.",
		Since:       "go1.13",
		VersionNote: "1.13 (victim cache; before 1.13 every GC cleared the whole pool)",
		Line:        264,
	},
	{
		ID:     PoolPrimaryBecomesVictim,
		File:   "sync/pool.go",
		Func:   "poolCleanup",
		Anchor: "// Move primary cache to victim cache.",
		Claim:  "Under each GC the primary cache becomes the victim cache, so an item survives at most ~2 GC cycles unless re-Put.",
		Since:  "go1.13",
		Line:   270,
	},
	{
		ID:     PoolCleanupRegistered,
		File:   "sync/pool.go",
		Func:   "init",
		Anchor: "runtime_registerPoolCleanup(poolCleanup)",
		Claim:  "Under package init sync registers poolCleanup with the runtime GC.",
		Since:  "go1.3",
		Line:   297,
	},
	{
		ID:     PoolsClearedInSTW,
		File:   "runtime/mgc.go",
		Func:   "gcStart",
		Anchor: "clearpools()",
		Claim:  "Under gcStart (during the sweep-termination STW) the runtime calls clearpools, so pool cleanup cost is paid inside a stop-the-world pause.",
		Since:  "go1.3",
		Line:   875,
	},
	{
		ID:     ClearpoolsRunsPoolCleanup,
		File:   "runtime/mgc.go",
		Func:   "clearpools",
		Anchor: "poolcleanup()",
		Claim:  "Under clearpools the registered sync hook runs first; the central sudog and defer caches are cleared too.",
		Since:  "go1.3",
		Line:   2162,
	},
	{
		ID:     PoolGetNilWithoutNew,
		File:   "sync/pool.go",
		Func:   "Pool.Get",
		Anchor: "// If Get would otherwise return nil and p.New is non-nil, Get returns",
		Claim:  "Under an empty pool Get returns nil unless New is set.",
		Since:  "go1.3",
		Line:   129,
	},
	{
		ID:     PoolGetUnrelatedToPut,
		File:   "sync/pool.go",
		Func:   "Pool.Get",
		Anchor: "// Callers should not assume any relation between values passed to [Pool.Put] and",
		Claim:  "Under Get the pool returns an arbitrary item (or treats itself as empty): no relation to what was Put, so it cannot be looked up by content.",
		Since:  "go1.3",
		Line:   126,
	},
	{
		ID:     PoolPutHandsOver,
		File:   "sync/pool.go",
		Func:   "type Pool",
		Anchor: "// In the terminology of [the Go memory model], a call to Put(x) “synchronizes before”",
		Claim:  "Under Put(x) the value is handed to the pool: a later Get in any goroutine may return that same x.",
		Since:  "go1.3",
		Line:   45,
	},
}
