# Sourced by the bin/ scripts, so that `--help` answers at once and never starts a build.
# help_from_comment "$@": prints the calling script's opening comment (its usage) and exits, when the first
#   argument is -h or --help (only the first, since scripts such as bin/jdk21 pass the rest on).
# help_from_file NAME "$@": prints bin/help/NAME.txt and exits, when any argument is -h or --help; those files
#   are what the command's own option parser prints (a test keeps them equal).
help_from_comment() {
  case "${1:-}" in
    -h|--help) sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p;}' "$0"; exit 0 ;;
  esac
}
help_from_file() {
  local name=$1
  shift
  for a in "$@"; do
    case "$a" in
      -h|--help) cat "$(dirname "${BASH_SOURCE[0]}")/../help/$name.txt"; exit 0 ;;
    esac
  done
}
