/**
 * What the browser knows of each language: its name, version, editor syntax and the code a
 * new room starts with. How the sandbox compiles and runs it (argv, environment, limits) is
 * in languages.ts, which the web app does not import. The order here is the pickers' order.
 */
export interface LanguageInfo {
  id: string;
  /** Shown in the language picker. */
  label: string;
  /** Version of the toolchain in the sandbox image, shown beside the label. */
  version: string;
  /** Editor mode for syntax highlighting (the web app knows these two; see `syntax`). */
  editorMode: 'python' | 'javascript';
  /** The language's own syntax, for editors that know more modes than `editorMode`. */
  syntax:
    | 'python'
    | 'javascript'
    | 'typescript'
    | 'c'
    | 'cpp'
    | 'java'
    | 'go'
    | 'rust'
    | 'ruby'
    | 'php'
    | 'csharp'
    | 'kotlin'
    | 'scala'
    | 'haskell'
    | 'ocaml'
    | 'lua'
    | 'perl'
    | 'bash'
    | 'r'
    | 'elixir';
  /** Code a new room starts with. */
  template: string;
}

export const LANGUAGE_INFO = [
  {
    id: 'python',
    label: 'Python',
    version: '3.13.5',
    editorMode: 'python',
    syntax: 'python',
    template: 'import sys\n\nname = sys.stdin.readline().strip() or "world"\nprint(f"Hello, {name}!")\n',
  },
  {
    id: 'javascript',
    label: 'JavaScript',
    version: 'Node.js 20.19.2',
    editorMode: 'javascript',
    syntax: 'javascript',
    template:
      "const input = require('fs').readFileSync(0, 'utf8');\nconst name = input.split('\\n')[0].trim() || 'world';\nconsole.log('Hello, ' + name + '!');\n",
  },
  {
    id: 'typescript',
    label: 'TypeScript',
    version: '4.9.5 (Node.js 20.19.2)',
    editorMode: 'javascript',
    syntax: 'typescript',
    template:
      "const input: string = require('fs').readFileSync(0, 'utf8');\nconst name: string = input.split('\\n')[0].trim() || 'world';\nconsole.log('Hello, ' + name + '!');\n",
  },
  {
    id: 'c',
    label: 'C',
    version: 'GCC 14.2.0 (C17)',
    editorMode: 'javascript',
    syntax: 'c',
    template:
      '#include <stdio.h>\n#include <string.h>\n\nint main(void) {\n    char name[256] = "world";\n    if (fgets(name, sizeof name, stdin)) name[strcspn(name, "\\r\\n")] = 0;\n    printf("Hello, %s!\\n", name[0] ? name : "world");\n    return 0;\n}\n',
  },
  {
    id: 'cpp',
    label: 'C++',
    version: 'G++ 14.2.0 (C++17)',
    editorMode: 'javascript',
    syntax: 'cpp',
    template:
      '#include <iostream>\n#include <string>\n\nint main() {\n    std::string name;\n    if (!std::getline(std::cin, name) || name.empty()) name = "world";\n    std::cout << "Hello, " << name << "!\\n";\n}\n',
  },
  {
    id: 'java',
    label: 'Java',
    version: 'OpenJDK 21.0.13',
    editorMode: 'javascript',
    syntax: 'java',
    template:
      'import java.io.BufferedReader;\nimport java.io.InputStreamReader;\n\npublic class Main {\n    public static void main(String[] args) throws Exception {\n        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));\n        String name = in.readLine();\n        if (name == null || name.isBlank()) name = "world";\n        System.out.println("Hello, " + name.trim() + "!");\n    }\n}\n',
  },
  {
    id: 'go',
    label: 'Go',
    version: '1.24.4',
    editorMode: 'javascript',
    syntax: 'go',
    template:
      'package main\n\nimport (\n\t"bufio"\n\t"fmt"\n\t"os"\n\t"strings"\n)\n\nfunc main() {\n\tline, _ := bufio.NewReader(os.Stdin).ReadString(\'\\n\')\n\tname := strings.TrimSpace(line)\n\tif name == "" {\n\t\tname = "world"\n\t}\n\tfmt.Printf("Hello, %s!\\n", name)\n}\n',
  },
  {
    id: 'rust',
    label: 'Rust',
    version: 'rustc 1.85.1',
    editorMode: 'javascript',
    syntax: 'rust',
    template:
      'use std::io::BufRead;\n\nfn main() {\n    let mut line = String::new();\n    std::io::stdin().lock().read_line(&mut line).unwrap();\n    let name = match line.trim() {\n        "" => "world",\n        n => n,\n    };\n    println!("Hello, {}!", name);\n}\n',
  },
  {
    id: 'csharp',
    label: 'C#',
    version: 'Mono 6.12.0.199',
    editorMode: 'javascript',
    syntax: 'csharp',
    template:
      'using System;\n\nclass Program\n{\n    static void Main()\n    {\n        string name = Console.ReadLine()?.Trim();\n        if (string.IsNullOrEmpty(name)) name = "world";\n        Console.WriteLine($"Hello, {name}!");\n    }\n}\n',
  },
  {
    id: 'kotlin',
    label: 'Kotlin',
    version: '2.4.21 (OpenJDK 21.0.13)',
    editorMode: 'javascript',
    syntax: 'kotlin',
    template:
      'fun main() {\n    val name = readlnOrNull()?.trim().orEmpty().ifEmpty { "world" }\n    println("Hello, $name!")\n}\n',
  },
  {
    id: 'scala',
    label: 'Scala',
    version: '3.3.7 (OpenJDK 21.0.13)',
    editorMode: 'javascript',
    syntax: 'scala',
    template:
      'import scala.io.StdIn\n\nobject Main:\n  def main(args: Array[String]): Unit =\n    val line = Option(StdIn.readLine()).map(_.trim).getOrElse("")\n    val name = if line.isEmpty then "world" else line\n    println(s"Hello, $name!")\n',
  },
  {
    id: 'haskell',
    label: 'Haskell',
    version: 'GHC 9.6.6',
    editorMode: 'python',
    syntax: 'haskell',
    template:
      'import Data.Char (isSpace)\n\nmain :: IO ()\nmain = do\n  input <- getContents\n  let name = case lines input of\n        (line : _) | not (all isSpace line) -> trim line\n        _ -> "world"\n  putStrLn ("Hello, " ++ name ++ "!")\n\ntrim :: String -> String\ntrim = f . f where f = reverse . dropWhile isSpace\n',
  },
  {
    id: 'ocaml',
    label: 'OCaml',
    version: '5.3.0',
    editorMode: 'javascript',
    syntax: 'ocaml',
    template:
      'let () =\n  let name = try String.trim (input_line stdin) with End_of_file -> "" in\n  let name = if name = "" then "world" else name in\n  Printf.printf "Hello, %s!\\n" name\n',
  },
  {
    id: 'ruby',
    label: 'Ruby',
    version: '3.3.8',
    editorMode: 'python',
    syntax: 'ruby',
    template: 'name = $stdin.gets.to_s.strip\nname = "world" if name.empty?\nputs "Hello, #{name}!"\n',
  },
  {
    id: 'php',
    label: 'PHP',
    version: '8.4.27',
    editorMode: 'javascript',
    syntax: 'php',
    template:
      "<?php\n$name = trim((string) fgets(STDIN));\nif ($name === '') {\n    $name = 'world';\n}\necho \"Hello, $name!\\n\";\n",
  },
  {
    id: 'lua',
    label: 'Lua',
    version: '5.4.7',
    editorMode: 'python',
    syntax: 'lua',
    template:
      'local name = (io.read("l") or ""):match("^%s*(.-)%s*$")\nif name == "" then name = "world" end\nprint("Hello, " .. name .. "!")\n',
  },
  {
    id: 'perl',
    label: 'Perl',
    version: '5.40.1',
    editorMode: 'python',
    syntax: 'perl',
    template:
      "use strict;\nuse warnings;\n\nmy $name = <STDIN> // '';\n$name =~ s/^\\s+|\\s+$//g;\n$name = 'world' if $name eq '';\nprint \"Hello, $name!\\n\";\n",
  },
  {
    id: 'bash',
    label: 'Bash',
    version: '5.2.37',
    editorMode: 'python',
    syntax: 'bash',
    template: 'read -r name\nif [[ -z $name ]]; then name=world; fi\necho "Hello, $name!"\n',
  },
  {
    id: 'r',
    label: 'R',
    version: '4.5.0',
    editorMode: 'python',
    syntax: 'r',
    template:
      'con <- file("stdin")\nline <- trimws(readLines(con, n = 1, warn = FALSE))\nclose(con)\nname <- if (length(line) == 0 || line == "") "world" else line\ncat("Hello, ", name, "!\\n", sep = "")\n',
  },
  {
    id: 'elixir',
    label: 'Elixir',
    version: '1.18.3 (Erlang/OTP 27)',
    editorMode: 'python',
    syntax: 'elixir',
    template:
      'name =\n  case IO.read(:stdio, :line) do\n    line when is_binary(line) -> String.trim(line)\n    _ -> ""\n  end\n\nname = if name == "", do: "world", else: name\nIO.puts("Hello, #{name}!")\n',
  },
] as const satisfies readonly LanguageInfo[];

export type LanguageId = (typeof LANGUAGE_INFO)[number]['id'];

export const DEFAULT_LANGUAGE: LanguageId = 'python';

export const LANGUAGE_IDS = LANGUAGE_INFO.map((l) => l.id) as [LanguageId, ...LanguageId[]];

export function findLanguageInfo(id: string): LanguageInfo | undefined {
  return LANGUAGE_INFO.find((l) => l.id === id);
}
