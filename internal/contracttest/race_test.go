//go:build race

package contracttest

// raceEnabled: the race detector makes sync.Pool drop items at random,
// reports deliberate send/close races and turns on checkptr.
const raceEnabled = true
