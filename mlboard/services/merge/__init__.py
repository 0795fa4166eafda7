"""Three-way merge of board files: the engine of `mlboard merge-file`, git's merge driver."""
