package reportdemote

func f() {
	println("finding") // want "finding: consequence"
	println("finding") //nolint // want "finding: consequence"
	println("finding") //nolint:rtlint // silenced: names rtlint
	println("finding") //nolint:errcheck // want "finding: consequence"
}
