import type { LanguageId } from '@codestream/shared';

/**
 * In every language, a program written as people write it (no explicit flush) that prints
 * "first", sleeps one second, then prints "second": in Run, "first" must reach the room while
 * the program sleeps, not when it exits.
 */
export const PRINT_SLEEP_PRINT: Record<LanguageId, string> = {
  python: 'import time\nprint("first")\ntime.sleep(1)\nprint("second")\n',
  javascript: 'console.log("first");\nsetTimeout(() => console.log("second"), 1000);\n',
  typescript: 'console.log("first");\nsetTimeout((): void => console.log("second"), 1000);\n',
  c: '#include <stdio.h>\n#include <unistd.h>\n\nint main(void) {\n  printf("first\\n");\n  sleep(1);\n  printf("second\\n");\n  return 0;\n}\n',
  cpp: '#include <chrono>\n#include <iostream>\n#include <thread>\n\nint main() {\n  std::cout << "first\\n";\n  std::this_thread::sleep_for(std::chrono::seconds(1));\n  std::cout << "second\\n";\n}\n',
  java: 'public class Main {\n  public static void main(String[] args) throws Exception {\n    System.out.println("first");\n    Thread.sleep(1000);\n    System.out.println("second");\n  }\n}\n',
  go: 'package main\n\nimport (\n\t"fmt"\n\t"time"\n)\n\nfunc main() {\n\tfmt.Println("first")\n\ttime.Sleep(time.Second)\n\tfmt.Println("second")\n}\n',
  rust: 'use std::{thread, time::Duration};\n\nfn main() {\n    println!("first");\n    thread::sleep(Duration::from_secs(1));\n    println!("second");\n}\n',
  csharp:
    'using System;\nusing System.Threading;\n\nclass Program\n{\n    static void Main()\n    {\n        Console.WriteLine("first");\n        Thread.Sleep(1000);\n        Console.WriteLine("second");\n    }\n}\n',
  kotlin: 'fun main() {\n    println("first")\n    Thread.sleep(1000)\n    println("second")\n}\n',
  scala:
    'object Main:\n  def main(args: Array[String]): Unit =\n    println("first")\n    Thread.sleep(1000)\n    println("second")\n',
  haskell:
    'import Control.Concurrent (threadDelay)\n\nmain :: IO ()\nmain = do\n  putStrLn "first"\n  threadDelay 1000000\n  putStrLn "second"\n',
  ocaml: 'let () =\n  print_endline "first";\n  Unix.sleep 1;\n  print_endline "second"\n',
  ruby: 'puts "first"\nsleep 1\nputs "second"\n',
  php: '<?php\necho "first\\n";\nsleep(1);\necho "second\\n";\n',
  lua: 'print("first")\nos.execute("sleep 1")\nprint("second")\n',
  perl: 'print "first\\n";\nsleep 1;\nprint "second\\n";\n',
  bash: 'echo first\nsleep 1\necho second\n',
  r: 'cat("first\\n")\nSys.sleep(1)\ncat("second\\n")\n',
  elixir: 'IO.puts("first")\nProcess.sleep(1000)\nIO.puts("second")\n',
};
