package docpair

// Figures are the precision, recall and F1 of predicted pairs against gold.
type Figures struct {
	// Gold, Pred and Correct count gold pairs, predicted pairs and
	// predicted pairs that are in the gold.
	Gold, Pred, Correct int
	// P, R and F1 are Correct/Pred, Correct/Gold and their harmonic mean
	// (0 when undefined).
	P, R, F1 float64
}

// Evaluate scores pred against gold: a predicted pair is correct when the
// gold holds the same (Src, Tgt). Repeated pairs count once.
func Evaluate(gold, pred []Pair) Figures {
	g := map[[2]string]bool{}
	for _, p := range gold {
		g[[2]string{p.Src, p.Tgt}] = true
	}
	seen := map[[2]string]bool{}
	f := Figures{Gold: len(g)}
	for _, p := range pred {
		k := [2]string{p.Src, p.Tgt}
		if seen[k] {
			continue
		}
		seen[k] = true
		f.Pred++
		if g[k] {
			f.Correct++
		}
	}
	if f.Pred > 0 {
		f.P = float64(f.Correct) / float64(f.Pred)
	}
	if f.Gold > 0 {
		f.R = float64(f.Correct) / float64(f.Gold)
	}
	if f.P+f.R > 0 {
		f.F1 = 2 * f.P * f.R / (f.P + f.R)
	}
	return f
}
