// KaTeX's stylesheet (and through it its fonts), in a chunk of its own: loaded by
// useMathStyles only on pages that show math.
import 'katex/dist/katex.min.css';
