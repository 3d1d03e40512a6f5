package emptyselect

// A directive naming another analyzer does not silence emptyselect.
func wrongName() {
	//rtlint:ignore gosched this names the wrong analyzer
	select {} // want `select \{\} parks`
}
