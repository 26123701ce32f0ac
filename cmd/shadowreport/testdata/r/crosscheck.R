# Recompute every statistic of `shadowreport compare` with R itself and report the largest
# disagreement; exit 1 on any difference above 1e-9 or any different decision.
# Usage: Rscript crosscheck.R DIR, where DIR holds
#   findings.csv  compare --format csv (its first line says it is not for publication)
#   meta.csv, comp.csv, std.csv, power.csv, agree.csv   parts of compare --format json
#   codebook.csv, people_<wave>.csv, figures_<wave>.csv, coder2_<wave>.csv   the data as read
# Methods, each from R or from its published definition:
#   Wilson: prop.test(correct = FALSE)$conf.int. Newcombe (1998) method 10:
#     L = d - sqrt((p1 - l1)^2 + (u2 - p2)^2),  U = d + sqrt((u1 - p1)^2 + (p2 - l2)^2).
#   Fisher: fisher.test()$p.value (2 x 2 and 2 x k); for the power, fisher.test's own 2 x 2
#     computation (dhyper, relErr 1 + 1e-7) vectorised, checked against fisher.test below.
#   Adjustment: p.adjust(). Raking: survey::rake; post-stratification: survey::postStratify.
#   Score test of a weighted share: prop.test(c(x1, p2 * neff), c(n1, neff), correct = FALSE).
#   Krippendorff's alpha (nominal): its coincidence-matrix definition (Krippendorff 2011).
suppressMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
rd <- function(name, ...) {
  p <- file.path(dir, name)
  if (!file.exists(p)) return(NULL)
  read.csv(p, stringsAsFactors = FALSE, check.names = FALSE, ...)
}
M <- local({ m <- rd("meta.csv", colClasses = "character"); setNames(m$value, m$key) })
level <- as.numeric(M[["level"]]); adjust <- M[["adjust"]]
min_n <- as.numeric(M[["min_n"]]); min_cell <- as.numeric(M[["min_cell"]])
alpha <- signif(1 - level, 12)
from <- M[["from"]]; to <- M[["to"]]
below <- function(p, a) p < a * (1 - 1e-9)
method <- c(holm = "holm", bh = "BH", none = "none")[[adjust]]

worst <- 0
bad <- character(0)
check <- function(name, ours, r, tol = 1e-9) {
  if (is.na(r) && is.na(ours)) return(invisible())
  if (is.na(r) != is.na(ours)) { bad <<- c(bad, sprintf("%s: ours %s, R %s", name, ours, r)); return(invisible()) }
  e <- abs(ours - r)
  if (e > worst) worst <<- e
  if (e > tol) bad <<- c(bad, sprintf("%s: ours %.12g, R %.12g", name, ours, r))
}
same <- function(name, ours, r) {
  if (!identical(tolower(as.character(ours)), tolower(as.character(r)))) bad <<- c(bad, sprintf("%s: ours %s, R %s", name, paste(ours, collapse = ","), paste(r, collapse = ",")))
}

cb <- rd("codebook.csv", colClasses = "character", na.strings = character(0))
values_of <- function(code) strsplit(cb$values[cb$code == code], ";")[[1]]
wave <- function(name) {
  p <- rd(paste0("people_", name, ".csv"), colClasses = "character", na.strings = "")
  if (!is.null(p)) return(list(kind = "interviews", people = p, coder2 = rd(paste0("coder2_", name, ".csv"), colClasses = "character", na.strings = "")))
  list(kind = "aggregate", figures = rd(paste0("figures_", name, ".csv"), colClasses = c("character", "character", rep("numeric", 4), "logical")))
}
W <- list(); W[[from]] <- wave(from); W[[to]] <- wave(to)

# what a wave says about one value of a code: count range, base, missing, not applicable
holds <- function(x, code, value) {
  type <- cb$type[cb$code == code]
  if (type == "yesno") return(x == "yes")
  if (type == "category") return(x == value)
  vapply(strsplit(x, ";", fixed = TRUE), function(s) value %in% s, TRUE)
}
tally <- function(w, code, value) {
  if (w$kind == "aggregate") {
    f <- w$figures[w$figures$code == code & w$figures$value == value, ]
    if (nrow(f) == 0) return(NULL)
    return(list(count = f$count, lo = f$count_min, hi = f$count_max, n = f$n, missing = NA, na = NA))
  }
  x <- w$people[[code]]
  ans <- !is.na(x) & x != "<n/a>"
  k <- sum(holds(x[ans], code, value))
  list(count = k, lo = k, hi = k, n = sum(ans), missing = sum(is.na(x)), na = sum(!is.na(x) & x == "<n/a>"))
}

# ---- Krippendorff's alpha, two coders: every pairable unit adds one c-k and one k-c pair
kripp <- function(a, b) {
  ok <- !is.na(a) & !is.na(b); a <- a[ok]; b <- b[ok]
  if (length(a) == 0) return(c(NA, 0, NA))
  cats <- sort(unique(c(a, b)))
  o <- matrix(0, length(cats), length(cats))
  for (u in seq_along(a)) {
    i <- match(a[u], cats); j <- match(b[u], cats)
    o[i, j] <- o[i, j] + 1; o[j, i] <- o[j, i] + 1
  }
  nc <- rowSums(o); n <- sum(nc)
  De <- n^2 - sum(nc^2); Do <- sum(o) - sum(diag(o))
  c(if (n > 1 && De > 0) 1 - (n - 1) * Do / De else NA, length(a), sum(diag(o)) / n)
}
unreliable <- character(0)
ag <- rd("agree.csv", colClasses = c("character", "character", "numeric", "numeric", "numeric", "logical"))
n_agree <- 0
for (wn in unique(c(from, to))) {
  c2 <- W[[wn]]$coder2
  if (is.null(c2)) next
  p <- W[[wn]]$people
  for (code in intersect(setdiff(names(c2), "id"), cb$code)) {
    k <- kripp(p[[code]][match(c2$id, p$id)], c2[[code]])
    row <- ag[ag$wave == wn & ag$code == code, ]
    if (nrow(row) != 1) { bad <- c(bad, sprintf("agreement %s %s: not in the result", wn, code)); next }
    n_agree <- n_agree + 1
    check(paste("alpha", wn, code), row$alpha, k[1]); check(paste("units", wn, code), row$units, k[2]); check(paste("raw agreement", wn, code), row$raw, k[3])
    if (!is.na(k[1]) && k[1] < 0.667) unreliable <- c(unreliable, code)
  }
}

# ---- findings
d <- rd("findings.csv", skip = 1, na.strings = "")
wilson <- function(k, n) if (n == 0) c(NA, NA) else as.numeric(suppressWarnings(prop.test(k, n, conf.level = level, correct = FALSE))$conf.int)
newcombe <- function(k2, n2, k1, n1) {
  w2 <- wilson(k2, n2); w1 <- wilson(k1, n1); p2 <- k2 / n2; p1 <- k1 / n1; dd <- p2 - p1
  c(dd - sqrt((p2 - w2[1])^2 + (w1[2] - p1)^2), dd + sqrt((w2[2] - p2)^2 + (p1 - w1[1])^2))
}
fisher <- function(k1, n1, k2, n2) fisher.test(matrix(c(k1, n1 - k1, k2, n2 - k2), 2))$p.value
small <- function(t) t$n > 0 && min_cell > 1 && ((t$lo <= min_cell - 1 && t$hi >= 1) || (t$lo <= t$n - 1 && t$hi >= t$n - (min_cell - 1)))
role <- character(nrow(d)); rp <- rep(NA_real_, nrow(d)); want <- character(nrow(d))
sides <- vector("list", nrow(d))
for (i in seq_len(nrow(d))) {
  r <- d[i, ]; id <- paste(r$code, r$value)
  tf <- tally(W[[from]], r$code, r$value); tt <- tally(W[[to]], r$code, r$value)
  sides[[i]] <- list(tf, tt)
  check(paste(id, "from n"), r$from_n, tf$n); check(paste(id, "to n"), r$to_n, tt$n)
  check(paste(id, "from count min"), r$from_count_min, tf$lo); check(paste(id, "from count max"), r$from_count_max, tf$hi)
  check(paste(id, "to count min"), r$to_count_min, tt$lo); check(paste(id, "to count max"), r$to_count_max, tt$hi)
  check(paste(id, "from missing"), r$from_missing, tf$missing); check(paste(id, "to missing"), r$to_missing, tt$missing)
  check(paste(id, "to not applicable"), r$to_not_applicable, tt$na)
  if (r$from_n > 0) { check(paste(id, "from ci low"), r$from_ci_low, wilson(tf$lo, tf$n)[1]); check(paste(id, "from ci high"), r$from_ci_high, wilson(tf$hi, tf$n)[2]) }
  if (r$to_n > 0) { check(paste(id, "to ci low"), r$to_ci_low, wilson(tt$lo, tt$n)[1]); check(paste(id, "to ci high"), r$to_ci_high, wilson(tt$hi, tt$n)[2]) }
  best <- NA
  if (tf$n > 0 && tt$n > 0) {
    # every pair of counts the figures allow: the least favourable p, the union of the intervals
    lo <- Inf; hi <- -Inf; best <- -1
    for (k1 in tf$lo:tf$hi) for (k2 in tt$lo:tt$hi) {
      best <- max(best, fisher(k1, tf$n, k2, tt$n))
      iv <- newcombe(k2, tt$n, k1, tf$n); lo <- min(lo, iv[1]); hi <- max(hi, iv[2])
    }
    # shares as published (the count nearest a rebuilt percentage); the test's counts are the least favourable
    check(paste(id, "from share"), r$from_share, tf$count / tf$n); check(paste(id, "to share"), r$to_share, tt$count / tt$n)
    check(paste(id, "diff"), r$diff, tt$count / tt$n - tf$count / tf$n)
    check(paste(id, "p at the counts chosen"), fisher(r$from_count, r$from_n, r$to_count, r$to_n), best)
    check(paste(id, "diff ci low"), r$diff_ci_low, lo); check(paste(id, "diff ci high"), r$diff_ci_high, hi)
  }
  # the family, decided here from the codebook
  vals <- values_of(r$code); type <- cb$type[cb$code == r$code]; dirn <- cb$direction[cb$code == r$code]
  designed <- dirn %in% c("worse_if_higher", "better_if_higher") && (type == "yesno" || (type == "category" && length(vals) == 2 && r$value == vals[1]))
  sensitive <- cb$sensitive[cb$code == r$code] == "true"
  if (sensitive && (small(tf) || small(tt))) { role[i] <- "excluded"; want[i] <- "withheld" }
  else if (r$code %in% unreliable) { role[i] <- "excluded"; want[i] <- "unreliable" }
  else if (!designed) { role[i] <- "described"; want[i] <- "described" }
  else if (tf$n < min_n || tt$n < min_n) { role[i] <- "excluded"; want[i] <- "too_few" }
  else { role[i] <- "tested"; rp[i] <- best; check(paste(id, "p"), r$p, best) }
  if (role[i] != "tested" && !is.na(r$p)) bad <- c(bad, sprintf("%s: a p outside the family", id))
}
tested <- which(role == "tested")
ra <- rep(NA_real_, nrow(d))
ra[tested] <- p.adjust(rp[tested], method = method)
check("family size", as.numeric(M[["family_size"]]), length(tested))
for (i in tested) {
  r <- d[i, ]
  check(paste(r$code, r$value, "p adjusted"), r$p_adjusted, ra[i])
  tested_diff <- r$to_count / r$to_n - r$from_count / r$from_n # the counts the test took
  want[i] <- if (!below(ra[i], alpha) || tested_diff == 0) "no_clear_change" else if ((r$direction == "worse_if_higher") == (tested_diff > 0)) "worse" else "better"
}
for (i in seq_len(nrow(d))) {
  r <- d[i, ]
  same(paste(r$code, r$value, "family"), r$family, role[i])
  same(paste(r$code, r$value, "verdict"), r$verdict, want[i])
  note <- ""
  if (!is.na(r$diff_ci_low)) {
    excl <- r$diff_ci_low > 0 || r$diff_ci_high < 0
    note <- if (role[i] != "tested" && excl) "excludes_zero_not_tested" else if (want[i] == "no_clear_change" && excl) "excludes_zero_not_significant" else if (want[i] %in% c("worse", "better") && !excl) "includes_zero_significant" else ""
  }
  same(paste(r$code, r$value, "ci note"), ifelse(is.na(r$ci_note), "", r$ci_note), note)
}

# ---- standardisation
st <- rd("std.csv", colClasses = "character")
n_std <- 0
if (!is.null(st) && st$method != "none") {
  Wn <- st$wave; Tn <- st$target; margins <- strsplit(st$margins, ";")[[1]]
  P <- W[[Wn]]$people
  keep <- Reduce(`&`, lapply(margins, function(m) !is.na(P[[m]]) & P[[m]] != "<n/a>"))
  Pk <- P[keep, , drop = FALSE]
  Pk$one <- 1
  for (m in margins) Pk[[m]] <- factor(Pk[[m]], levels = values_of(m))
  share_of <- function(m) { # the target's profile on margin m
    v <- values_of(m)
    if (W[[Tn]]$kind == "aggregate") {
      f <- W[[Tn]]$figures; k <- f$count[match(paste(m, v), paste(f$code, f$value))]
    } else {
      x <- W[[Tn]]$people[[m]]; k <- as.numeric(table(factor(x[!is.na(x) & x != "<n/a>"], levels = v)))
    }
    k / sum(k)
  }
  des <- svydesign(ids = ~1, data = Pk, weights = ~one)
  if (st$method == "raking") {
    pops <- lapply(margins, function(m) { df <- data.frame(values_of(m), nrow(Pk) * share_of(m)); names(df) <- c(m, "Freq"); df })
    w <- weights(rake(des, lapply(margins, function(m) as.formula(paste0("~", m))), pops, control = list(maxit = 1000, epsilon = 1e-13)))
  } else {
    Tp <- W[[Tn]]$people
    tk <- Reduce(`&`, lapply(margins, function(m) !is.na(Tp[[m]]) & Tp[[m]] != "<n/a>"))
    cellT <- do.call(paste, c(lapply(margins, function(m) Tp[[m]][tk]), sep = "|"))
    Pk$cell <- do.call(paste, c(lapply(margins, function(m) as.character(Pk[[m]])), sep = "|"))
    cells <- sort(unique(Pk$cell))
    pop <- data.frame(cell = cells, Freq = nrow(Pk) * as.numeric(table(factor(cellT, levels = cells))) / length(cellT))
    des <- svydesign(ids = ~1, data = Pk, weights = ~one)
    w <- weights(postStratify(des, ~cell, pop))
  }
  check("weighted people", as.numeric(st$people), nrow(Pk))
  check("weight min", as.numeric(st$weight_min), min(w)); check("weight max", as.numeric(st$weight_max), max(w))
  check("Kish n", as.numeric(st$effective_n), sum(w)^2 / sum(w^2))
  sp <- rep(NA_real_, nrow(d))
  for (i in seq_len(nrow(d))) {
    r <- d[i, ]; id <- paste(r$code, r$value)
    x <- Pk[[r$code]]
    if (is.null(x)) { if (!is.na(r$std_share)) bad <- c(bad, paste(id, "standardised without the code")); next }
    ans <- !is.na(x) & x != "<n/a>"
    if (sum(w[ans]) == 0) next
    y <- holds(x[ans], r$code, r$value)
    share <- sum(w[ans] * y) / sum(w[ans]); neff <- sum(w[ans])^2 / sum(w[ans]^2)
    n_std <- n_std + 1
    check(paste(id, "standardised share"), r$std_share, share); check(paste(id, "effective n"), r$std_effective_n, neff)
    other <- if (Wn == to) sides[[i]][[1]] else sides[[i]][[2]]
    if (other$n == 0) next
    best <- -1
    for (k in other$lo:other$hi) {
      p <- if (k / other$n == share) 1 else suppressWarnings(prop.test(c(k, share * neff), c(other$n, neff), correct = FALSE))$p.value
      if (p > best) best <- p
    }
    # the difference from the other side's share as published; the test at its least favourable count
    check(paste(id, "standardised diff"), r$std_diff, if (Wn == to) share - other$count / other$n else other$count / other$n - share)
    if (role[i] == "tested") { sp[i] <- best; check(paste(id, "standardised p"), r$std_p, best) }
  }
  # adjusted over the whole family, the tested findings without a standardised p counting
  has <- which(!is.na(sp))
  sa <- rep(NA_real_, nrow(d)); sa[has] <- p.adjust(sp[has], method = method, n = length(tested))
  for (i in has) {
    r <- d[i, ]
    check(paste(r$code, r$value, "standardised p adjusted"), r$std_p_adjusted, sa[i])
    if (want[i] %in% c("worse", "better")) {
      surv <- below(sa[i], alpha) && sign(r$std_diff) == sign(r$diff) && r$std_diff != 0
      same(paste(r$code, r$value, "survives"), r$std_survives, surv)
      same(paste(r$code, r$value, "not robust"), r$not_robust, !surv)
    }
  }
  # a worse or better verdict that could not be standardised is not robust either
  for (i in setdiff(tested, has)) if (want[i] %in% c("worse", "better")) same(paste(d$code[i], d$value[i], "not robust, not standardised"), d$not_robust[i], TRUE)
}

# ---- composition: over the values both waves publish
comp <- rd("comp.csv", colClasses = "character", na.strings = character(0))
n_comp <- 0
for (j in seq_len(nrow(comp))) {
  cc <- comp[j, ]; v <- values_of(cc$code)
  counts <- function(w) {
    if (w$kind == "aggregate") {
      f <- w$figures; i <- match(paste(cc$code, v), paste(f$code, f$value))
      return(list(k = f$count[i], range = !is.na(i) & f$count_min[i] != f$count_max[i]))
    }
    x <- w$people[[cc$code]]
    list(k = as.numeric(table(factor(x[!is.na(x) & x != "<n/a>"], levels = v))), range = rep(FALSE, length(v)))
  }
  a <- counts(W[[from]]); b <- counts(W[[to]])
  both <- !is.na(a$k) & !is.na(b$k)
  same(paste(cc$code, "values compared"), cc$values, paste(v[both & (a$k + b$k > 0)], collapse = ";"))
  same(paste(cc$code, "left out"), cc$left_out, paste(v[!both], collapse = ";"))
  keep <- both & (a$k + b$k > 0)
  if (sum(keep) < 2 || any(a$range[keep] | b$range[keep])) next # ranges: the least favourable of many tables
  m <- rbind(a$k[keep], b$k[keep])
  n_comp <- n_comp + 1
  cs <- suppressWarnings(chisq.test(m, correct = FALSE))
  check(paste(cc$code, "TVD"), as.numeric(cc$tvd), sum(abs(m[1, ] / sum(m[1, ]) - m[2, ] / sum(m[2, ]))) / 2)
  check(paste(cc$code, "chi2"), as.numeric(cc$chi2), unname(cs$statistic))
  check(paste(cc$code, "Cramer's V"), as.numeric(cc$cramers_v), sqrt(unname(cs$statistic) / sum(m)))
  p <- switch(cc$p_method, exact = fisher.test(m)$p.value, chi_square = cs$p.value, NA)
  if (cc$p_method == "simulated") check(paste(cc$code, "simulated p"), as.numeric(cc$p), fisher.test(m, simulate.p.value = TRUE, B = 1e5)$p.value, tol = 0.02)
  else check(paste(cc$code, "p"), as.numeric(cc$p), p)
}

# ---- power: exact, by enumeration, at the bases of the tested findings
pw <- rd("power.csv", na.strings = "")
if (!is.null(pw)) {
  # the typical pair of bases (From n, To n) of the tested findings: the lower median when
  # ranked by n1 n2 / (n1 + n2), then n1, then n2; the fewest: the first
  pairs <- data.frame(n1 = d$from_n[tested], n2 = d$to_n[tested])
  pairs <- pairs[order(pairs$n1 * pairs$n2 / (pairs$n1 + pairs$n2), pairs$n1, pairs$n2), ]
  typical <- pairs[(nrow(pairs) + 1) %/% 2, ]; fewest <- pairs[1, ]
  shares <- sort(d$from_share[tested])
  base <- min(0.99, max(0.01, round(median(shares) * 100) / 100))
  check("power baseline", pw$baseline[1], base)
  # fisher.test's two-sided p for a 2 x 2 table, as its source computes it, for every table
  fisher_all <- function(n1, n2) {
    p <- matrix(NA_real_, n1 + 1, n2 + 1)
    for (s in 0:(n1 + n2)) {
      lo <- max(0, s - n2); hi <- min(n1, s); sup <- lo:hi
      dd <- dhyper(sup, n1, n2, s, log = TRUE); dd <- exp(dd - max(dd)); dd <- dd / sum(dd)
      for (x in sup) p[x + 1, s - x + 1] <- sum(dd[dd <= dd[x - lo + 1] * (1 + 1e-7)])
    }
    p
  }
  family_alpha <- if (adjust != "none" && length(tested) > 1) alpha / length(tested) else alpha
  smallest <- function(P, n1, n2, a, sgn) { # the smallest whole points reaching 80%, or NA
    for (pts in 1:100) { p2 <- base + sgn * pts / 100; if (p2 < 0 || p2 > 1) break
      pw80 <- sum(outer(dbinom(0:n1, n1, base), dbinom(0:n2, n2, p2)) * below(P, a)); if (pw80 >= 0.8) return(pts) }
    NA }
  tables <- list()
  for (j in seq_len(nrow(pw))) {
    want_pair <- if (startsWith(pw$which[j], "fewest")) fewest else typical
    n1 <- pw$n_from[j]; n2 <- pw$n_to[j]
    check(paste("power n from", pw$which[j]), n1, want_pair$n1); check(paste("power n to", pw$which[j]), n2, want_pair$n2)
    key <- paste(n1, n2)
    if (is.null(tables[[key]])) {
      P <- fisher_all(n1, n2)
      set.seed(1)
      for (t in 1:10) { x1 <- sample(0:n1, 1); x2 <- sample(0:n2, 1); check("fisher.test as enumerated", P[x1 + 1, x2 + 1], fisher(x1, n1, x2, n2), tol = 1e-12) }
      tables[[key]] <- P
    }
    P <- tables[[key]]
    power_at <- function(a, p2) sum(outer(dbinom(0:n1, n1, base), dbinom(0:n2, n2, p2)) * below(P, a))
    a <- pw$alpha[j]
    check(paste("power alpha", pw$which[j]), a, if (endsWith(pw$which[j], "family")) family_alpha else alpha)
    for (dirn in c("rise", "fall")) {
      pts <- pw[[dirn]][j]; sgn <- if (dirn == "rise") 1 else -1
      if (is.na(pts)) { if (!is.na(smallest(P, n1, n2, a, sgn))) bad <- c(bad, paste("power", pw$which[j], dirn, "missing")); next }
      check(paste("power", pw$which[j], dirn), pw[[paste0(dirn, "_power")]][j], power_at(a, base + sgn * pts / 100))
      if (pw[[paste0(dirn, "_power")]][j] < 0.8) bad <- c(bad, paste("power", dirn, "below 0.8"))
      if (pts > 1 && power_at(a, base + sgn * (pts - 1) / 100) >= 0.8) bad <- c(bad, sprintf("power %s %s: %d points is not the smallest", pw$which[j], dirn, pts))
    }
  }
  # the fewest pair is stated when, at one test's level, it needs 5 points more for a rise or a
  # fall than the typical pair (or cannot detect one the typical pair can)
  if (fewest$n1 != typical$n1 || fewest$n2 != typical$n2) {
    Pt <- fisher_all(typical$n1, typical$n2); Pf <- fisher_all(fewest$n1, fewest$n2)
    needs <- function(sgn) { t <- smallest(Pt, typical$n1, typical$n2, alpha, sgn); f <- smallest(Pf, fewest$n1, fewest$n2, alpha, sgn)
      !is.na(t) && (is.na(f) || f - t >= 5) }
    same("power fewest stated", any(startsWith(pw$which, "fewest")), needs(1) || needs(-1))
  } else if (any(startsWith(pw$which, "fewest"))) bad <- c(bad, "power fewest stated for the typical pair")
}

cat(sprintf("rows %d (rebuilt %d, ranges %d), tests %d (%s), withheld %d, unreliable %d, standardised %d (%s), composition tests %d, agreements %d, power %s; largest difference %.3g\n",
            nrow(d), sum(d$rebuilt == "true"), sum(d$from_count_min != d$from_count_max | d$to_count_min != d$to_count_max), length(tested), adjust, sum(want == "withheld"), sum(want == "unreliable"), n_std, if (is.null(st)) "none" else st$method,
            n_comp, n_agree, if (is.null(pw)) "none" else "checked", worst))
if (length(bad) > 0) { cat(bad, sep = "\n"); quit(status = 1) }
