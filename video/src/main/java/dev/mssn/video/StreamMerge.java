package dev.mssn.video;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOFILE;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_query_codec;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_ATTACHMENT;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_SUBTITLE;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_compare_ts;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_get_media_type_string;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the upscaled video stream with the source's other streams (audio, subtitles,
 * attachments), which are copied packet for packet, never re-encoded, with their timestamps,
 * languages and titles; the source's colour description and the file's metadata go with them.
 * Packets are written in timestamp order as they are read, so memory does not grow with length.
 */
final class StreamMerge {

    private static final Logger log = LoggerFactory.getLogger(StreamMerge.class);

    /** FFmpeg's "the muxer takes this codec" answer from avformat_query_codec. */
    private static final int SUPPORTED = 1;
    private static final int FF_COMPLIANCE_NORMAL = 0;

    private StreamMerge() {}

    /**
     * Writes {@code out} (muxer {@code muxer}) from {@code video}'s one video stream and every
     * audio, subtitle and attachment stream of {@code source}.
     *
     * @param shown how to name the output in messages
     */
    static void merge(Path video, Path source, Path out, String muxer, Path shown) throws IOException {
        AVFormatContext upscaled = open(video, video);
        AVFormatContext original = null;
        AVFormatContext oc = null;
        AVPacket fromVideo = av_packet_alloc();
        AVPacket fromSource = av_packet_alloc();
        try {
            original = open(source, source);
            oc = new AVFormatContext(null);
            check(avformat_alloc_output_context2(oc, null, muxer, out.toString()), shown, "cannot make a " + muxer + " file");
            int[] videoMap = new int[upscaled.nb_streams()];
            int[] sourceMap = new int[original.nb_streams()];
            Arrays.fill(videoMap, -1);
            Arrays.fill(sourceMap, -1);
            int sourceVideoIndex = firstVideo(original);
            AVStream sourceVideo = sourceVideoIndex < 0 ? null : original.streams(sourceVideoIndex);
            AVStream videoOut = copyStream(oc, upscaled.streams(0), sourceVideo);
            if (sourceVideo != null) {
                // the colour description holds for the upscaled pixels as for the source's
                videoOut.codecpar().color_primaries(sourceVideo.codecpar().color_primaries());
                videoOut.codecpar().color_trc(sourceVideo.codecpar().color_trc());
            }
            videoMap[0] = videoOut.index();
            for (int i = 0; i < original.nb_streams(); i++) {
                AVStream s = original.streams(i);
                int type = s.codecpar().codec_type();
                if (type == AVMEDIA_TYPE_VIDEO) {
                    if (i != sourceVideoIndex) {
                        log.warn("{}: video stream {} of {} is not carried over (only the first video stream is upscaled)", shown, i, source);
                    }
                    continue;
                }
                if (!isCopied(type)) {
                    log.warn("{}: {} stream {} of {} is not carried over", shown, av_get_media_type_string(type).getString(), i, source);
                    continue;
                }
                sourceMap[i] = copyStream(oc, s, s).index();
            }
            AVDictionary metadata = new AVDictionary(null);
            av_dict_copy(metadata, original.metadata(), 0);
            oc.metadata(metadata);
            if ((oc.oformat().flags() & AVFMT_NOFILE) == 0) {
                AVIOContext pb = new AVIOContext(null);
                check(avio_open(pb, out.toString(), AVIO_FLAG_WRITE), shown, "cannot open for writing");
                oc.pb(pb);
            }
            check(avformat_write_header(oc, (AVDictionary) null), shown, "cannot write the header");
            boolean haveVideo = next(upscaled, fromVideo, videoMap, video);
            boolean haveSource = next(original, fromSource, sourceMap, source);
            while (haveVideo || haveSource) {
                boolean takeVideo = haveVideo && (!haveSource || earlier(fromVideo, upscaled, fromSource, original));
                AVPacket p = takeVideo ? fromVideo : fromSource;
                AVFormatContext from = takeVideo ? upscaled : original;
                int to = (takeVideo ? videoMap : sourceMap)[p.stream_index()];
                av_packet_rescale_ts(p, from.streams(p.stream_index()).time_base(), oc.streams(to).time_base());
                p.stream_index(to);
                p.pos(-1);
                check(av_interleaved_write_frame(oc, p), shown, "cannot write a packet");
                if (takeVideo) {
                    haveVideo = next(upscaled, fromVideo, videoMap, video);
                } else {
                    haveSource = next(original, fromSource, sourceMap, source);
                }
            }
            check(av_write_trailer(oc), shown, "cannot finish the file");
        } finally {
            av_packet_free(fromVideo);
            av_packet_free(fromSource);
            avformat_close_input(upscaled);
            if (original != null) {
                avformat_close_input(original);
            }
            if (oc != null) {
                if (oc.pb() != null && (oc.oformat().flags() & AVFMT_NOFILE) == 0) {
                    avio_closep(oc.pb());
                }
                avformat_free_context(oc);
            }
        }
    }

    /**
     * Checks, before any frame is upscaled, that the container {@code muxer} takes the new video
     * codec and every stream of {@code source} that is copied.
     */
    static void requireFits(Path source, String muxer, String videoCodec, Path shown) throws IOException {
        org.bytedeco.ffmpeg.avcodec.AVCodec encoder = org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name(videoCodec);
        if (encoder == null) {
            throw new IOException(shown + ": FFmpeg has no encoder named " + videoCodec);
        }
        org.bytedeco.ffmpeg.avformat.AVOutputFormat format = org.bytedeco.ffmpeg.global.avformat.av_guess_format(muxer, null, null);
        if (avformat_query_codec(format, encoder.id(), FF_COMPLIANCE_NORMAL) == 0) {
            throw new IOException(shown + ": the video codec " + videoCodec + " cannot go into this container; name another"
                    + " codec, or write .mkv, which takes any");
        }
        AVFormatContext original = open(source, source);
        try {
            for (int i = 0; i < original.nb_streams(); i++) {
                int type = original.streams(i).codecpar().codec_type();
                int codec = original.streams(i).codecpar().codec_id();
                if (isCopied(type) && avformat_query_codec(format, codec, FF_COMPLIANCE_NORMAL) == 0) {
                    throw new IOException(shown + ": the " + av_get_media_type_string(type).getString() + " stream ("
                            + avcodec_get_name(codec).getString() + ") of " + source
                            + " cannot go into this container without re-encoding; write .mkv, which takes any");
                }
            }
        } finally {
            avformat_close_input(original);
        }
    }

    /** Streams copied from the source as they are. */
    private static boolean isCopied(int type) {
        return type == AVMEDIA_TYPE_AUDIO || type == AVMEDIA_TYPE_SUBTITLE || type == AVMEDIA_TYPE_ATTACHMENT;
    }

    private static int firstVideo(AVFormatContext ic) {
        for (int i = 0; i < ic.nb_streams(); i++) {
            if (ic.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
                return i;
            }
        }
        return -1;
    }

    private static AVFormatContext open(Path file, Path shown) throws IOException {
        AVFormatContext ic = new AVFormatContext(null);
        check(avformat_open_input(ic, file.toString(), null, null), shown, "cannot read as a video");
        check(avformat_find_stream_info(ic, (PointerPointer<?>) null), shown, "cannot read as a video: its streams");
        return ic;
    }

    /** A new output stream with {@code in}'s codec parameters and time base, and {@code described}'s metadata and disposition. */
    private static AVStream copyStream(AVFormatContext oc, AVStream in, AVStream described) throws IOException {
        AVStream s = avformat_new_stream(oc, null);
        if (s == null) {
            throw new IOException("FFmpeg could not add a stream");
        }
        check(avcodec_parameters_copy(s.codecpar(), in.codecpar()), null, "cannot copy a stream's parameters");
        s.codecpar().codec_tag(0); // the container picks its own tag for the codec
        s.time_base(in.time_base());
        if (described != null) {
            AVDictionary metadata = new AVDictionary(null);
            av_dict_copy(metadata, described.metadata(), 0);
            s.metadata(metadata);
            s.disposition(described.disposition());
        }
        return s;
    }

    /** Reads the next packet of a stream that goes into the output; false at the end. */
    private static boolean next(AVFormatContext ic, AVPacket p, int[] map, Path file) throws IOException {
        while (true) {
            av_packet_unref(p);
            int status = av_read_frame(ic, p);
            if (status < 0) {
                return false; // the end, or a damaged tail, which players stop at too
            }
            if (p.stream_index() < map.length && map[p.stream_index()] >= 0) {
                return true;
            }
        }
    }

    /** Whether packet a comes before packet b, by decoding time where known. */
    private static boolean earlier(AVPacket a, AVFormatContext ac, AVPacket b, AVFormatContext bc) {
        AVRational at = ac.streams(a.stream_index()).time_base();
        AVRational bt = bc.streams(b.stream_index()).time_base();
        return av_compare_ts(time(a), at, time(b), bt) <= 0;
    }

    private static long time(AVPacket p) {
        return p.dts() != AV_NOPTS_VALUE ? p.dts() : p.pts() != AV_NOPTS_VALUE ? p.pts() : 0;
    }

    private static void check(int status, Path file, String what) throws IOException {
        if (status < 0) {
            byte[] text = new byte[256];
            av_strerror(status, text, text.length);
            String reason = new String(text, java.nio.charset.StandardCharsets.UTF_8).replaceAll("\0.*", "");
            throw new IOException((file == null ? "" : file + ": ") + what + ": " + reason);
        }
    }
}
