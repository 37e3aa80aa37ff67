package quotes

// indirect extracts reported speech outside quotation marks.
func (d *doc) indirect(direct []Quote) []Quote {
	return nil
}
