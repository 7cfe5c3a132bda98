-- The entry point of every Haskell program (ghc -main-is LineBuffered, see
-- shared/src/compiledLanguages.ts): stdout is block-buffered when it is not a terminal,
-- so output would reach the room only when a block fills or the program ends. Line
-- buffering makes each line stream as it is printed; then the program's own main runs.
module LineBuffered (main) where

import qualified Main
import System.IO (BufferMode (LineBuffering), hSetBuffering, stdout)

main :: IO ()
main = hSetBuffering stdout LineBuffering >> Main.main
