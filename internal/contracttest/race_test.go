//go:build race

package contracttest

// raceEnabled: the race detector makes sync.Pool drop items at random.
const raceEnabled = true
