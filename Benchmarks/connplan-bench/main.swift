// SPDX-License-Identifier: GPL-3.0-or-later
// Placeholder: the benchmark harness is being written (issue 3).
print("connplan-bench: not yet implemented")
