// SPDX-License-Identifier: GPL-3.0-or-later
// connplan-bench: the route-engine benchmark harness (issue 3). See docs/performance.md.
ConnplanBench.main()
