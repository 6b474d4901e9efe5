# Writes a manual page (section 1, gzip -9n) from a program's own --help:
#   cmake -DPROGRAM=path -DNAME=antre-server -DSUMMARY="..." -DVERSION=0.1.0 -DOUT=file.1.gz -P manpage.cmake
# --help is the reference for every option, so the page repeats it as it is.
# (Its stderr is read too, in case a program prints its usage there.)
execute_process(COMMAND ${PROGRAM} --help OUTPUT_VARIABLE help ERROR_VARIABLE help RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} --help: exit status ${status}")
endif()
# roff: a backslash is \e, a line may not start with . or ', and a long option's dashes are minus signs.
string(REPLACE "\\" "\\e" help "${help}")
string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" help "${help}")
string(REPLACE "-" "\\-" help "${help}")
string(TOUPPER "${NAME}" title)
file(WRITE ${OUT}.tmp
  ".TH ${title} 1 \"\" \"antre ${VERSION}\" \"Antre\"\n"
  ".SH NAME\n${NAME} \\- ${SUMMARY}\n"
  ".SH DESCRIPTION\nThe options and commands, as \\fB${NAME} \\-\\-help\\fR prints them.\n"
  "See /usr/share/doc/antre\\-server/install.md for running Antre in an office.\n"
  ".PP\n.nf\n${help}.fi\n")
execute_process(COMMAND gzip -9nc ${OUT}.tmp OUTPUT_FILE ${OUT} RESULT_VARIABLE status)
file(REMOVE ${OUT}.tmp)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "gzip ${OUT}: exit status ${status}")
endif()
