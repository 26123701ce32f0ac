# Reference values for package internal/stats, computed with R itself.
#
# Regenerate from the repository root with:
#
#   Rscript internal/stats/testdata/reference.R > internal/stats/testdata/reference.json
#
# Only base R and the recommended 'stats' package are used (no jsonlite), so the
# script runs on any R installation. Numbers are written with 17 significant
# digits; NA/NaN are written as null. The Go tests read the JSON and never need R.

options(warn = -1) # prop.test and chisq.test warn about small counts; expected here

num <- function(x) {
  if (length(x) != 1) stop("num: scalar expected")
  if (is.na(x)) "null" else sprintf("%.17g", x)
}
vec <- function(x) paste0("[", paste(vapply(x, num, ""), collapse = ","), "]")
obj <- function(...) {
  kv <- list(...)
  paste0("{", paste0('"', names(kv), '":', unlist(kv), collapse = ","), "}")
}
section <- function(name, rows, last = FALSE) {
  cat('"', name, '": [\n  ', paste(rows, collapse = ",\n  "), "\n]",
      if (last) "\n" else ",\n", sep = "")
}

levels <- c(0.90, 0.95, 0.99)

# ---- Wilson: R's prop.test(correct = FALSE) interval is the Wilson interval.
wilson_cases <- list(
  c(0, 1), c(1, 1), c(0, 2), c(1, 2), c(2, 2), c(0, 10), c(1, 10), c(10, 10),
  c(9, 10), c(3, 7), c(20, 40), c(31, 50), c(28, 40), c(56, 70), c(48, 80),
  c(5, 56), c(0, 29), c(1, 3), c(0, 100000), c(1, 100000), c(12345, 100000),
  c(50000, 100000), c(99999, 100000), c(100000, 100000), c(7, 1000000),
  c(999999, 1000000)
)
wilson_levels <- c(levels, 0.5, 0.999)
wilson <- character(0)
for (cs in wilson_cases) for (lv in wilson_levels) {
  ci <- prop.test(cs[1], cs[2], correct = FALSE, conf.level = lv)$conf.int
  wilson <- c(wilson, obj(k = num(cs[1]), n = num(cs[2]), level = num(lv),
                          lo = num(ci[1]), hi = num(ci[2])))
}

# ---- Newcombe (1998) Stat Med 17:873-890, method 10 (hybrid score, no CC).
# Written from the paper in the form delta = z * sqrt(l1(1-l1)/n1 + u2(1-u2)/n2),
# epsilon = z * sqrt(u1(1-u1)/n1 + l2(1-l2)/n2), with the Wilson limits taken
# from prop.test, a form algebraically equal to (but computed differently from)
# the one in the Go code.
newcombe10 <- function(k1, n1, k2, n2, level) {
  z <- qnorm((1 + level) / 2)
  w1 <- prop.test(k1, n1, correct = FALSE, conf.level = level)$conf.int
  w2 <- prop.test(k2, n2, correct = FALSE, conf.level = level)$conf.int
  p1 <- k1 / n1; p2 <- k2 / n2
  delta <- z * sqrt(w1[1] * (1 - w1[1]) / n1 + w2[2] * (1 - w2[2]) / n2)
  eps <- z * sqrt(w1[2] * (1 - w1[2]) / n1 + w2[1] * (1 - w2[1]) / n2)
  c(p1 - p2 - delta, p1 - p2 + eps)
}
newcombe_cases <- list(
  # Newcombe's (1998) eight examples (Table II)
  c(56, 70, 48, 80), c(9, 10, 3, 10), c(6, 7, 2, 7), c(5, 56, 0, 29),
  c(0, 10, 0, 20), c(0, 10, 0, 10), c(10, 10, 0, 20), c(10, 10, 0, 10),
  # the spec's example (to minus from) and others
  c(28, 40, 31, 50), c(31, 50, 28, 40), c(1, 1, 0, 1), c(0, 1, 1, 1),
  c(1, 1, 1, 1), c(0, 1, 0, 1), c(1, 2, 1, 3), c(12, 12, 11, 12),
  c(0, 100000, 3, 100000), c(50000, 100000, 50500, 100000),
  c(12345, 100000, 60, 500), c(3, 1000000, 999990, 1000000)
)
newcombe <- character(0)
for (cs in newcombe_cases) for (lv in levels) {
  ci <- newcombe10(cs[1], cs[2], cs[3], cs[4], lv)
  newcombe <- c(newcombe, obj(k1 = num(cs[1]), n1 = num(cs[2]), k2 = num(cs[3]),
                              n2 = num(cs[4]), level = num(lv),
                              lo = num(ci[1]), hi = num(ci[2])))
}

# ---- Fisher's exact test, two-sided, 2x2 tables [[a, b], [c, d]].
fisher_cases <- list(
  c(3, 1, 1, 3), c(1, 3, 3, 1), c(31, 19, 28, 12), c(0, 0, 0, 0),
  c(0, 0, 3, 4), c(5, 0, 7, 0), c(0, 5, 0, 7), c(1, 0, 0, 0), c(0, 1, 1, 0),
  c(1, 1, 1, 1), c(10, 0, 0, 10), c(0, 10, 10, 0), c(5, 5, 5, 5),
  c(2, 7, 8, 2), c(0, 20, 20, 0), c(50, 50, 50, 50), c(1, 99, 10, 90),
  c(100, 0, 0, 100), c(200, 300, 250, 250),
  c(50100, 49900, 49800, 50200), c(500, 99500, 560, 99440),
  c(300000, 200000, 250000, 250000), c(500100, 499900, 499800, 500200),
  c(10, 999990, 25, 999975), c(999990, 10, 999000, 1000),
  c(3, 999997, 0, 1000000), c(1, 1999999, 0, 2), c(0, 1000000, 1000000, 0),
  c(50000, 50000, 49000, 51000), c(49750, 50250, 49000, 51000)
)
set.seed(20240611)
for (i in 1:40) fisher_cases[[length(fisher_cases) + 1]] <- sample(0:30, 4, replace = TRUE)
for (i in 1:10) fisher_cases[[length(fisher_cases) + 1]] <- sample(0:3000, 4, replace = TRUE)
fisher <- character(0)
for (cs in fisher_cases) {
  p <- fisher.test(matrix(cs, 2, 2, byrow = TRUE))$p.value
  fisher <- c(fisher, obj(a = num(cs[1]), b = num(cs[2]), c = num(cs[3]),
                          d = num(cs[4]), p = num(p)))
}

# ---- p.adjust, Holm and BH. NA entries are dropped from n, as by default.
padj_cases <- list(
  c(0.01, 0.04, 0.03, 0.005), c(0.5), numeric(0), c(0.02, 0.02, 0.02),
  c(0.01, NA, 0.04, 0.03, NA, 0.005), c(NA, 0.3), c(NA, NA),
  c(0, 1, 0.5, 0.5, 0.25), c(1e-12, 1e-300, 0.049, 0.051, 0.9, 0.049),
  c(0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216,
    0.222, 0.251, 0.269, 0.275, 0.34, 0.341, 0.384, 0.569, 0.594, 0.696,
    0.762, 0.94, 0.942, 0.975, 0.986)
)
set.seed(7)
padj_cases[[length(padj_cases) + 1]] <- round(runif(30)^3, 3) # many ties
padj_cases[[length(padj_cases) + 1]] <- runif(50)^4
padj <- character(0)
for (p in padj_cases) {
  padj <- c(padj, obj(p = vec(p),
                      holm = vec(p.adjust(p, method = "holm", n = sum(!is.na(p)))),
                      bh = vec(p.adjust(p, method = "BH", n = sum(!is.na(p))))))
}

# ---- prop.trend.test (Cochran-Armitage), 1 df.
trend_cases <- list(
  list(c(15, 10, 5), c(30, 30, 30), c(1, 2, 3)),
  list(c(15, 10, 5), c(30, 30, 30), c(2011, 2014, 2017)),
  list(c(31, 28, 20), c(50, 40, 45), c(2011, 2014, 2017)),
  list(c(83, 90, 129, 70), c(86, 93, 136, 82), c(1, 2, 3, 4)),
  list(c(12, 18, 25, 30, 41), c(60, 61, 59, 62, 60), c(2008, 2011, 2014, 2017, 2020)),
  list(c(12, 18, 25, 30, 41), c(60, 61, 59, 62, 60), c(0, 1, 3, 7, 8)),
  list(c(5, 5, 5), c(10, 20, 40), c(1, 2, 3)),
  list(c(0, 1, 2), c(10, 10, 10), c(1, 2, 3)),
  list(c(10, 9, 10), c(10, 10, 10), c(1, 2, 3)),
  list(c(1, 0), c(1, 1), c(1, 2)),
  list(c(15, 0, 10, 5), c(30, 0, 30, 30), c(1, 2, 3, 4)),
  list(c(5000, 5100, 5300), c(100000, 100000, 100000), c(2011, 2014, 2017)),
  list(c(40, 42, 37, 45), c(100, 90, 95, 80), c(2011, 2013, 2014, 2017))
)
trend <- character(0)
for (tc in trend_cases) {
  r <- prop.trend.test(tc[[1]], tc[[2]], score = tc[[3]])
  trend <- c(trend, obj(k = vec(tc[[1]]), n = vec(tc[[2]]), scores = vec(tc[[3]]),
                        chi2 = num(unname(r$statistic)), p = num(r$p.value)))
}

# ---- chisq.test(correct = FALSE), after dropping all-zero rows and columns
# (the Go function's documented behaviour; R itself would give NaN).
chisq_cases <- list(
  matrix(c(31, 19, 28, 12), 2, byrow = TRUE),
  matrix(c(3, 1, 1, 3), 2, byrow = TRUE),
  matrix(c(12, 5, 7, 9, 3, 8, 15, 6, 10, 2, 4, 11), 3, byrow = TRUE),
  matrix(c(1, 0, 2, 3, 0, 1, 1, 0, 4, 2, 0, 1), 3, byrow = TRUE),
  matrix(c(20, 30, 0, 10, 25, 0, 5, 15, 0), 3, byrow = TRUE),
  matrix(c(20, 30, 10, 0, 0, 0, 5, 15, 9), 3, byrow = TRUE),
  matrix(c(200, 310, 150, 120, 250, 300, 180, 95, 210, 330, 160, 140), 3, byrow = TRUE),
  matrix(c(5000, 5100, 4900, 5300, 5050, 4800), 2, byrow = TRUE),
  matrix(c(500, 0, 0, 500), 2, byrow = TRUE),
  matrix(c(7, 7, 7, 7, 7, 7), 3, byrow = TRUE)
)
chisq <- character(0)
for (m in chisq_cases) {
  kept <- m[rowSums(m) > 0, colSums(m) > 0, drop = FALSE]
  r <- chisq.test(kept, correct = FALSE)
  rows <- vapply(seq_len(nrow(m)), function(i) vec(m[i, ]), "")
  chisq <- c(chisq, obj(table = paste0("[", paste(rows, collapse = ","), "]"),
                        stat = num(unname(r$statistic)), p = num(r$p.value),
                        df = num(unname(r$parameter)),
                        small = if (any(r$expected < 5)) "true" else "false"))
}

# ---- quantile(type = 7) quartiles.
set.seed(11)
quant_cases <- list(
  c(5), c(1, 2), c(3, 1, 2), c(1, 2, 3, 4), c(10, 1, 7, 3, 3, 8),
  c(-2.5, 0, 0, 0, 1e6), c(2, 2, 2, 2, 2), round(rnorm(17) * 10, 2),
  rexp(100), c(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
)
quant <- character(0)
for (x in quant_cases) {
  q <- quantile(x, c(0.25, 0.5, 0.75), type = 7, names = FALSE)
  quant <- c(quant, obj(x = vec(x), q1 = num(q[1]), median = num(q[2]), q3 = num(q[3])))
}

cat("{\n")
cat('"generator": "', R.version.string, '",\n', sep = "")
section("wilson", wilson)
section("newcombe", newcombe)
section("fisher", fisher)
section("padjust", padj)
section("trend", trend)
section("chisq", chisq)
section("quartiles", quant, last = TRUE)
cat("}\n")
