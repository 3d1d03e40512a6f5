package reporttier

func f() {
	println("finding") // want "finding: consequence"
	println("review")  // want "review: observation"
}
