# Recompute every number of `shadowreport compare --format csv` with R itself and report
# the largest disagreement. Usage: Rscript crosscheck.R findings.csv MIN_N
# Wilson: prop.test(correct = FALSE) (its interval is the Wilson score interval).
# Newcombe (1998) method 10, from the paper: for d = p1 - p2 with Wilson limits (l, u),
#   L = d - sqrt((p1 - l1)^2 + (u2 - p2)^2),  U = d + sqrt((u1 - p1)^2 + (p2 - l2)^2).
# Fisher: fisher.test()$p.value. Adjustment: p.adjust() over the rows that have a p.
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE, na.strings = "")
min_n <- as.numeric(args[2])
wilson <- function(k, n, level) {
  if (n == 0) return(c(NA, NA))
  as.numeric(suppressWarnings(prop.test(k, n, conf.level = level, correct = FALSE))$conf.int)
}
worst <- 0
bad <- character(0)
check <- function(name, ours, r) {
  if (is.na(r) && is.na(ours)) return()
  if (is.na(r) != is.na(ours)) { bad <<- c(bad, sprintf("%s: ours %s, R %s", name, ours, r)); return() }
  e <- abs(ours - r)
  if (e > worst) worst <<- e
  if (e > 1e-6) bad <<- c(bad, sprintf("%s: ours %.10g, R %.10g", name, ours, r))
}
rp <- rep(NA_real_, nrow(d))
for (i in seq_len(nrow(d))) {
  r <- d[i, ]
  lv <- r$level
  id <- paste(r$code, r$value)
  wf <- wilson(r$from_count, r$from_n, lv)
  wt <- wilson(r$to_count, r$to_n, lv)
  check(paste(id, "from ci low"), r$from_ci_low, wf[1]); check(paste(id, "from ci high"), r$from_ci_high, wf[2])
  check(paste(id, "to ci low"), r$to_ci_low, wt[1]); check(paste(id, "to ci high"), r$to_ci_high, wt[2])
  if (r$from_n > 0 && r$to_n > 0) {
    p1 <- r$to_count / r$to_n; p2 <- r$from_count / r$from_n; dd <- p1 - p2
    check(paste(id, "diff"), r$diff, dd)
    check(paste(id, "diff ci low"), r$diff_ci_low, dd - sqrt((p1 - wt[1])^2 + (wf[2] - p2)^2))
    check(paste(id, "diff ci high"), r$diff_ci_high, dd + sqrt((wt[2] - p1)^2 + (p2 - wf[1])^2))
  }
  if (!is.na(r$p)) {
    m <- matrix(c(r$from_count, r$from_n - r$from_count, r$to_count, r$to_n - r$to_count), 2)
    rp[i] <- fisher.test(m)$p.value
    check(paste(id, "p"), r$p, rp[i])
  }
}
method <- c(holm = "holm", bh = "BH", none = "none")[[d$adjust[1]]]
ra <- rep(NA_real_, nrow(d))
has <- !is.na(rp)
ra[has] <- p.adjust(rp[has], method = method)
for (i in which(has)) check(paste(d$code[i], d$value[i], "p adjusted"), d$p_adjusted[i], ra[i])
# verdicts as docs/statistics.md defines them
for (i in seq_len(nrow(d))) {
  r <- d[i, ]
  want <- if (r$from_n < min_n || r$to_n < min_n) "too_few" else if (ra[i] >= 1 - r$level - 1e-12) "no_clear_change" else {
    up <- r$diff > 0
    switch(r$direction, worse_if_higher = if (up) "worse" else "better",
           better_if_higher = if (up) "better" else "worse", if (up) "higher" else "lower")
  }
  if (want != r$verdict) bad <- c(bad, sprintf("%s %s verdict: ours %s, R %s", r$code, r$value, r$verdict, want))
}
cat(sprintf("rows %d, tests %d, largest difference %.3g\n", nrow(d), sum(has), worst))
if (length(bad) > 0) { cat(bad, sep = "\n"); quit(status = 1) }
