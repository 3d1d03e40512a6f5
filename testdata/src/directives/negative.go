package directives

// Well-formed directives are silent.

//rtlint:file-ignore gosched,lockthread this file is a scheduler experiment

func g() {
	//rtlint:ignore emptyselect the process owner wants this
	//rtlint:ignore gosched,lockthread both are deliberate here
	_ = 1 //rtlint:ignore directives trailing form
	// An ordinary comment that mentions rtlint:ignore in passing is not a directive.
	// See rtlint docs; rtlint: is just a word here.
}
