package chanmodel

func (e *engine) checkDrains() {}
func (e *engine) checkSelect(sel interface{}, op *Op) {}
func (e *engine) selfRelease(op *Op, c *Chan) bool { return false }
func (e *engine) peersGiveUp(op *Op, c *Chan) bool { return false }
